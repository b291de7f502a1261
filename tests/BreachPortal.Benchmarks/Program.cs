// Each benchmark prints its figures, then last a ratio against a reference measured in the same run.
// The first ones arrive with the registry import and the notification dispatcher.
Console.WriteLine("BreachPortal benchmarks: none yet.");
