using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Hosting;

/// <summary>Settings refused at start-up, as one plain message: several option sets may fail at once.</summary>
public static class StartupValidation
{
    public static IReadOnlyList<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)],
        _ => [],
    };
}
