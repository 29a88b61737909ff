// Written from the Java contract by GeneratedArtifactsTest: do not edit.
// Regenerate with ./mvnw -pl contract test -Dcontract.update

/** One frame per event and command type, by family and type name. */
export const goldenVectors = {
  "GlobalEvent": {
    "connected": {"type":"connected","channel":"global","data":{"connectionId":"c-8f2a","serverVersion":"0.1.0","contractVersion":1,"heartbeatIntervalMs":30000,"limits":{"maxMessageBytes":65536,"maxSubscriptions":100,"maxCommandsPerSecond":100,"idleTimeoutMs":75000,"pongTimeoutMs":5000,"maxRunsPerToken":4,"maxRunsPerNode":32,"maxShellsPerToken":8}}},
    "pong": {"type":"pong","channel":"global","data":{"timestamp":1767323045000,"serverTime":1767323045012},"ref":"7"},
    "draining": {"type":"draining","channel":"global","data":{"retryAfterMs":2375}},
    "subscription_success": {"type":"subscription_success","channel":"global","data":{"channel":"session:s-42","epoch":"e-5d1c","offset":17,"recovered":true}},
    "subscription_error": {"type":"subscription_error","channel":"global","data":{"channel":"session:","code":"invalid_channel","reason":"Invalid channel"}},
    "unsubscribed": {"type":"unsubscribed","channel":"global","data":{"channel":"session:s-42","reason":"client"}},
    "error": {"type":"error","channel":"global","data":{"code":"unknown_type","message":"Unknown type \"pnig\"","retryable":false}}
  },
  "GlobalCommand": {
    "ping": {"type":"ping","channel":"global","data":{"timestamp":1767323045000},"ref":"7"},
    "subscribe": {"type":"subscribe","channel":"global","data":{"channel":"session:s-42","since":{"epoch":"e-5d1c","offset":12}},"ref":"7"},
    "unsubscribe": {"type":"unsubscribe","channel":"global","data":{"channel":"session:s-42"},"ref":"7"}
  },
  "ProjectEvent": {
    "session_created": {"type":"session_created","channel":"project:p-1","data":{"id":"s-42","projectId":"p-1","title":"Fix the build","status":"idle","messageCount":0,"createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:07.250Z"},"offset":18},
    "session_updated": {"type":"session_updated","channel":"project:p-1","data":{"id":"s-42","projectId":"p-1","title":"Fix the build","status":"running","messageCount":2,"createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:07.250Z"},"offset":18},
    "session_deleted": {"type":"session_deleted","channel":"project:p-1","data":{"sessionId":"s-42","projectId":"p-1"},"offset":18}
  },
  "SessionEvent": {
    "message_created": {"type":"message_created","channel":"session:s-42","data":{"message":{"id":"m-1","sessionId":"s-42","role":"user","content":"ls -la","status":"completed","clientMessageId":"cm-9","createdAt":"2026-01-02T03:04:05Z","completedAt":"2026-01-02T03:04:05Z","outputComplete":true}},"offset":18},
    "stream_output": {"type":"stream_output","channel":"session:s-42","data":{"messageId":"m-2","seq":0,"chunk":"total 8\nréadme.md ✓\n","stream":"stdout"},"offset":18},
    "message_complete": {"type":"message_complete","channel":"session:s-42","data":{"messageId":"m-2","status":"completed","exitCode":0,"durationMs":1250,"chunkCount":3,"outputComplete":true},"offset":18},
    "error": {"type":"error","channel":"session:s-42","data":{"code":"conflict","message":"A reply is already running","messageId":"m-2"},"offset":18}
  },
  "SessionCommand": {
    "send_message": {"type":"send_message","channel":"session:s-42","data":{"text":"ls -la","clientMessageId":"cm-9"},"ref":"7"},
    "cancel": {"type":"cancel","channel":"session:s-42","data":{"messageId":"m-2"},"ref":"7"}
  },
  "ShellEvent": {
    "init": {"type":"init","channel":"shell:sh-7","data":{"shellId":"sh-7","cols":120,"rows":40,"cwd":"/home/dev/app"}},
    "output": {"type":"output","channel":"shell:sh-7","data":{"data":"\u001B[32m$\u001B[0m "}},
    "exit": {"type":"exit","channel":"shell:sh-7","data":{"exitCode":130,"signal":"SIGINT"}},
    "error": {"type":"error","channel":"shell:sh-7","data":{"code":"bad_request","message":"cols must be 1..500"}}
  },
  "ShellCommand": {
    "init": {"type":"init","channel":"shell:sh-7","data":{"cols":120,"rows":40},"ref":"7"},
    "input": {"type":"input","channel":"shell:sh-7","data":{"data":"echo $((6*7))\r"},"ref":"7"},
    "resize": {"type":"resize","channel":"shell:sh-7","data":{"cols":100,"rows":40},"ref":"7"}
  }
};
