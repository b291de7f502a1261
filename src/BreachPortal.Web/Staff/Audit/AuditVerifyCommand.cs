using BreachPortal.Web.Hosting.CommandLine;

namespace BreachPortal.Web.Staff.Audit;

internal sealed class AuditVerifyCommand(AuditChainVerifier verifier) : IPortalCommand
{
    public string Name => "audit-verify";

    public string Summary => "Check that no audit event was altered, removed or inserted.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await verifier.VerifyAsync(cancellationToken);
        if (report.IsIntact)
        {
            await output.WriteLineAsync($"audit chain ok: {report.VerifiedEvents} events");
            if (report.LastId is { } lastId)
            {
                // Events cut from the end leave an intact chain: only a copy of the last link kept elsewhere shows it.
                await output.WriteLineAsync($"last event: id={lastId} hash={Convert.ToHexStringLower(report.LastHash!)}");
            }

            return PortalCommandLine.Success;
        }

        await output.WriteLineAsync($"audit chain broken at event {report.FirstBrokenId}: {report.Reason}. {report.VerifiedEvents} events before it are intact.");
        return PortalCommandLine.Failure;
    }
}
