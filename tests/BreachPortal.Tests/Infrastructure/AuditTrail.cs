using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Infrastructure;

public static class AuditTrail
{
    /// <summary>The audit events about one staff account (as subject or actor), oldest first.</summary>
    public static async Task<List<AuditEvent>> ForStaffAsync(string connectionString, Guid staffId)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        var id = staffId.ToString("D");
        return await db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.SubjectId == id || e.ActorId == staffId)
            .OrderBy(e => e.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<List<AuditEvent>> OfTypeAsync(string connectionString, AuditEventType type)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        return await db.Set<AuditEvent>().AsNoTracking().Where(e => e.Type == type).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}
