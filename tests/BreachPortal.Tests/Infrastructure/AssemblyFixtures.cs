[assembly: AssemblyFixture(typeof(BreachPortal.Tests.Infrastructure.PostgresServer))]
[assembly: TestCaseOrderer(typeof(BreachPortal.Tests.Infrastructure.SeededRandomOrder))]
[assembly: TestCollectionOrderer(typeof(BreachPortal.Tests.Infrastructure.SeededRandomOrder))]
