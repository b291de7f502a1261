namespace BreachPortal.Web.Hosting.CommandLine;

/// <summary>A verb of the portal's command line (<c>dotnet BreachPortal.Web.dll migrate</c>), for operators and scripts.</summary>
public interface IPortalCommand
{
    string Name { get; }

    string Summary { get; }

    /// <returns>The process exit code: 0 on success.</returns>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);
}
