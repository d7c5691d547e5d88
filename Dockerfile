# The Home First application image. Build the jar first: ./mvnw -Pproduction -DskipTests install
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY ui/target/homefirst.jar /app/homefirst.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/homefirst.jar"]
