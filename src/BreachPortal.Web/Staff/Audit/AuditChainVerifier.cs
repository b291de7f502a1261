using BreachPortal.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Staff.Audit;

/// <summary>Walks the whole log in id order and recomputes every link.</summary>
public sealed class AuditChainVerifier(PortalDbContext db)
{
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = AuditChain.Genesis;
        long count = 0;
        long? lastId = null;
        await foreach (var e in db.Set<AuditEvent>().AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!e.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return new AuditChainReport(count, e.Id, "its previous-hash does not match the event before it (an event was removed, inserted or altered)");
            }

            if (!AuditChain.ComputeHash(previous, e).AsSpan().SequenceEqual(e.Hash))
            {
                return new AuditChainReport(count, e.Id, "its content does not match its hash (the event was altered)");
            }

            previous = e.Hash;
            lastId = e.Id;
            count++;
        }

        return new AuditChainReport(count, null, null) { LastId = lastId, LastHash = lastId is null ? null : previous };
    }
}

public sealed record AuditChainReport(long VerifiedEvents, long? FirstBrokenId, string? Reason)
{
    public bool IsIntact => FirstBrokenId is null;

    public long? LastId { get; init; }

    public byte[]? LastHash { get; init; }
}
