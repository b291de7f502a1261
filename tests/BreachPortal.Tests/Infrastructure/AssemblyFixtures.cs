[assembly: AssemblyFixture(typeof(BreachPortal.Tests.Infrastructure.PostgresServer))]
