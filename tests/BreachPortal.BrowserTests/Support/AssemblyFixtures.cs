[assembly: AssemblyFixture(typeof(BreachPortal.BrowserTests.Support.BrowserFixture))]
