package dev.switchboard.bench.stomp;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * BrokerConfig sets up STOMP over plain WebSocket (no SockJS) with the in-memory simple broker on
 * {@code /topic}, with 25 s heartbeats both ways as the reference documentation shows.
 */
@Configuration
@EnableWebSocketMessageBroker
public class BrokerConfig implements WebSocketMessageBrokerConfigurer {

  @Override
  public void registerStompEndpoints(StompEndpointRegistry registry) {
    registry.addEndpoint("/stomp");
  }

  @Override
  public void configureMessageBroker(MessageBrokerRegistry registry) {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("heartbeat-");
    scheduler.initialize();
    registry
        .enableSimpleBroker("/topic")
        .setHeartbeatValue(new long[] {25000, 25000})
        .setTaskScheduler(scheduler);
  }
}
