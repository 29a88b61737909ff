package dev.switchboard.bench.stomp;

import org.springframework.http.MediaType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /publish/<channel>} sends the JSON body to {@code /topic/<channel>}. */
@RestController
public class PublishController {

  private final SimpMessagingTemplate template;

  public PublishController(SimpMessagingTemplate template) {
    this.template = template;
  }

  @PostMapping(path = "/publish/{channel}", produces = MediaType.APPLICATION_JSON_VALUE)
  public String publish(@PathVariable String channel, @RequestBody String body) {
    template.convertAndSend("/topic/" + channel, body);
    return "{\"ok\":true}";
  }

  @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
  public String health() {
    return "{\"status\":\"UP\"}";
  }
}
