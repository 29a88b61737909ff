package dev.switchboard.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BwrapPolicyTest {

  @Test
  void appliesTheDeepestRuleLastSoTheProjectStaysWritableInsideAHiddenHome() {
    List<String> args =
        BwrapPolicy.using("bwrap", 1024)
            .hide(Path.of("/home/ann"))
            .bindReadWrite(Path.of("/home/ann/code/app"))
            .hide(Path.of("/home/ann/code/app/.switchboard"))
            .bindReadOnly(Path.of("/home/ann/.config/agent"))
            .arguments();

    int home = args.indexOf("/home/ann");
    int project = args.indexOf("/home/ann/code/app");
    int dataDir = args.indexOf("/home/ann/code/app/.switchboard");
    int config = args.indexOf("/home/ann/.config/agent");
    assertEquals("--tmpfs", args.get(home - 1));
    assertEquals("--bind", args.get(project - 1));
    assertEquals("--tmpfs", args.get(dataDir - 1));
    assertEquals("--ro-bind", args.get(config - 1));
    assertTrue(home < project && project < dataDir && home < config, args.toString());
  }

  @Test
  void betweenRulesOnOnePathTheLaterWins() {
    List<String> args =
        BwrapPolicy.using("bwrap", 1024)
            .bindReadWrite(Path.of("/srv/data"))
            .hide(Path.of("/srv/data"))
            .arguments();

    int bind = args.indexOf("/srv/data");
    assertEquals("--bind", args.get(bind - 1));
    int hide = args.subList(bind + 2, args.size()).indexOf("/srv/data") + bind + 2;
    assertEquals("--tmpfs", args.get(hide - 1), args.toString());
  }

  @Test
  void hiddenPathsBecomeReadOnlyOnlyAfterWhatIsBoundInsideThem() {
    List<String> args =
        BwrapPolicy.using("bwrap", 1024)
            .hide(Path.of("/srv"))
            .bindReadOnly(Path.of("/srv/shared"))
            .scratch(Path.of("/home/ann"))
            .arguments();

    int remount = args.indexOf("--remount-ro");
    assertEquals("/srv", args.get(remount + 1));
    assertTrue(remount > args.indexOf("/srv/shared"), args.toString());
    assertEquals(1, Collections.frequency(args, "--remount-ro"), "scratch stays writable");
    assertEquals("1024", args.get(args.indexOf("/home/ann") - 2), "scratch is size-capped");
  }

  @Test
  void kernelSettingsInProcAreReadOnlyEvenForRoot() {
    List<String> args = BwrapPolicy.using("bwrap", 1024).arguments();

    int sys = args.indexOf("/proc/sys");
    assertEquals("--ro-bind-try", args.get(sys - 1));
    assertTrue(sys > args.indexOf("--proc"), "after the new /proc is mounted");
  }

  @Test
  void privateTmpComesBeforeAProjectInsideIt() {
    List<String> args =
        BwrapPolicy.using("bwrap", 1024).bindReadWrite(Path.of("/tmp/p")).arguments();

    assertTrue(args.indexOf("/tmp") < args.indexOf("/tmp/p"), args.toString());
    assertEquals("--tmpfs", args.get(args.indexOf("/tmp") - 1));
  }

  @Test
  void alwaysDropsCapabilitiesAndUnsharesPidsAndDiesWithTheServer() {
    List<String> args = BwrapPolicy.using("/usr/bin/bwrap", 1024).arguments();

    assertEquals("/usr/bin/bwrap", args.get(0));
    assertEquals(List.of("--ro-bind", "/", "/"), args.subList(1, 4));
    assertEquals("ALL", args.get(args.indexOf("--cap-drop") + 1));
    assertTrue(args.containsAll(List.of("--unshare-pid", "--unshare-ipc", "--die-with-parent")));
    assertEquals("/proc", args.get(args.indexOf("--proc") + 1));
    assertFalse(args.contains("--unshare-net"));
    assertFalse(args.contains("--new-session"));
  }

  @Test
  void networkOffAndANewSessionAreAskedFor() {
    List<String> args =
        BwrapPolicy.using("bwrap", 1024)
            .network(false)
            .newSession()
            .chdir(Path.of("/p"))
            .arguments();

    assertTrue(args.contains("--unshare-net"));
    assertTrue(args.contains("--new-session"));
    assertEquals("/p", args.get(args.indexOf("--chdir") + 1));
  }

  @Test
  void wrapsTheCommandAfterADoubleDash() {
    List<String> argv = BwrapPolicy.using("bwrap", 1024).wrap(List.of("sh", "-c", "--tmpfs x"));

    assertEquals(
        List.of("--", "sh", "-c", "--tmpfs x"), argv.subList(argv.size() - 4, argv.size()));
    assertEquals(1, Collections.frequency(argv, "--"));
  }
}
