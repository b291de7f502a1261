# The portal as one image: web front end, dispatcher and command-line verbs (docker run IMAGE migrate).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm installs the French State design system during the build; it is never committed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/BreachPortal.Web/BreachPortal.Web.csproj src/BreachPortal.Web/package.json src/BreachPortal.Web/package-lock.json src/BreachPortal.Web/
RUN dotnet restore src/BreachPortal.Web/BreachPortal.Web.csproj
COPY src/ src/
RUN dotnet publish src/BreachPortal.Web/BreachPortal.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Serilog__Format=json
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "BreachPortal.Web.dll"]
