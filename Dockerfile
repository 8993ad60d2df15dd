# Nudge: build with Maven, run on a JRE as a non-root user.
#   docker build -t nudge .
#   docker run -it -v nudge-data:/app/data nudge                       # console, embedded H2
#   docker run -d -p 8080:8080 -e SLACK_BOT_TOKEN=… -e SLACK_SIGNING_SECRET=… \
#     -v nudge-data:/app/data -v "$PWD/config:/app/config:ro" nudge     # Slack, HTTP mode

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so code changes don't download the world again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY config config
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system nudge && useradd --system --gid nudge --home-dir /app nudge
WORKDIR /app
COPY --from=build /build/target/nudge.jar /app/nudge.jar
COPY config /app/config
RUN mkdir -p /app/data && chown -R nudge:nudge /app/data
USER nudge
# The H2 database lives here by default (jdbc:h2:file:./data/nudge); keep it on a volume.
VOLUME ["/app/data"]
# Mount your own config over /app/config, or point NUDGE_CONFIG at a file.
ENV NUDGE_HTTP_PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/nudge.jar"]
