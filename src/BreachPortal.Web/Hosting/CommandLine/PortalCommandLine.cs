namespace BreachPortal.Web.Hosting.CommandLine;

public static class PortalCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>A first argument that is not an option names a verb; anything else starts the web server.</summary>
    public static bool IsCommand(IReadOnlyList<string> args) => args.Count > 0 && !args[0].StartsWith('-');

    /// <summary>Verb arguments are the verb's own, not host configuration.</summary>
    public static string[] HostArguments(string[] args) => IsCommand(args) ? [] : args;

    public static IServiceCollection AddPortalCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, IPortalCommand =>
        services.AddTransient<IPortalCommand, TCommand>();

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetServices<IPortalCommand>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
        if (command is null)
        {
            await error.WriteLineAsync($"Unknown command '{args[0]}'. Available commands:");
            foreach (var known in commands)
            {
                await error.WriteLineAsync($"  {known.Name,-16} {known.Summary}");
            }

            return UsageError;
        }

        try
        {
            return await command.RunAsync(args.Skip(1).ToArray(), output, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"{command.Name}: cancelled.");
            return Failure;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
        {
            await error.WriteLineAsync($"{command.Name}: the settings are not valid: {string.Join(" ", invalid.Failures)}");
            return Failure;
        }
        catch (Exception exception) when (exception is InvalidOperationException or Npgsql.NpgsqlException or TimeoutException)
        {
            await error.WriteLineAsync($"{command.Name}: {exception.Message}");
            return Failure;
        }
    }
}
