using BreachPortal.Web.Data;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Checks.Abuse;

/// <summary>Refusals of one limit over the last day and the last week, and the busiest hour of the week.</summary>
public sealed record AbuseLine(string LimitName, long LastDay, long LastWeek, DateTimeOffset? BusiestHour, long BusiestHourHits);

/// <summary>The staff view of <c>rate_limit_hits</c>: how hard the citizen pages are being pushed. No addresses.</summary>
public sealed class AbuseSummary(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<AbuseLine>> ReadAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var weekAgo = now.AddDays(-7);
        var dayAgo = now.AddDays(-1);
        var hits = await db.Set<RateLimitHit>().AsNoTracking().Where(h => h.Hour >= weekAgo.AddHours(-1)).ToListAsync(cancellationToken);
        await audit.AppendAsync(new AuditEntry(AuditEventType.CitizenAbuseCountersViewed, actor), cancellationToken);
        return
        [
            .. AbuseCounters.All.Select(limit =>
            {
                var ofLimit = hits.Where(h => h.LimitName == limit).ToList();
                var busiest = ofLimit.OrderByDescending(h => h.Hits).ThenByDescending(h => h.Hour).FirstOrDefault();
                return new AbuseLine(
                    limit,
                    ofLimit.Where(h => h.Hour.AddHours(1) > dayAgo).Sum(h => h.Hits),
                    ofLimit.Sum(h => h.Hits),
                    busiest?.Hour,
                    busiest?.Hits ?? 0);
            }),
        ];
    }
}
