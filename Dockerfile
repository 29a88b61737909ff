# syntax=docker/dockerfile:1
# Switchboard server image: the jar (with the web client) on a JRE 17, run as a non-root user.
#
#   docker build -t switchboard .
#   docker run -d -p 127.0.0.1:8080:8080 --ulimit nofile=65536:65536 \
#     -v switchboard-data:/data switchboard
#
# The admin token is generated into the data volume on first start (/data/admin-token) unless
# SWITCHBOARD_TOKEN is set. Agents and shells run in a bubblewrap sandbox, which inside a
# container needs user namespaces the default Docker profile refuses: see "Deploying" in the
# README for the options; without them switchboard.sandbox.mode=auto (the default) runs them
# unconfined and says so loudly.

# --- build: the Maven wrapper with JDK 17, and Node 22 for the web client -----------------------
FROM node:22-bookworm-slim AS build
COPY --from=eclipse-temurin:17-jdk /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH
# The npm that wrote the lockfiles.
RUN npm install -g npm@11
WORKDIR /src
COPY . .
# The caches outlive the build (BuildKit), so a rebuild downloads nothing it already has.
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -ntp -DskipTests package \
    && cp server/target/switchboard.jar /switchboard.jar

# --- run: JRE 17, bubblewrap, a user of its own, the data dir a volume --------------------------
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends bubblewrap \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --create-home --home-dir /home/switchboard \
       --shell /bin/bash switchboard \
    && mkdir -p /data /projects \
    && chown switchboard:switchboard /data /projects
COPY --from=build /switchboard.jar /opt/switchboard/switchboard.jar
USER switchboard
WORKDIR /home/switchboard
# In a container the server must listen on every interface for a published port to reach it;
# publish it on the host's loopback (-p 127.0.0.1:8080:8080) and put TLS in front to expose it.
ENV SWITCHBOARD_DATA_DIR=/data \
    MICRONAUT_SERVER_HOST=0.0.0.0 \
    MICRONAUT_SERVER_PORT=8080 \
    SHELL=/bin/bash
# Projects are directories on the server: mount them, e.g. under /projects (-v "$PWD:/projects/app").
VOLUME ["/data"]
EXPOSE 8080
# More JVM flags: JDK_JAVA_OPTIONS (e.g. -Xmx2g, which wins over the percentage).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/opt/switchboard/switchboard.jar"]
