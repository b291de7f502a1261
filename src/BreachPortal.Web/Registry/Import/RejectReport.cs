using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Exports;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Registry.Import;

/// <summary>The rejects of one import as CSV: line, column, reason (and the kept line for duplicates) — never a value.</summary>
public sealed class RejectReport(PortalDbContext db, ImportTexts texts)
{
    public async Task WriteAsync(long batchId, TextWriter writer, IReadOnlyList<string> headings, CancellationToken cancellationToken)
    {
        var csv = new SafeCsv(writer);
        await csv.WriteRowAsync(headings);
        var rejects = db.Set<ImportReject>().AsNoTracking()
            .Where(r => r.BatchId == batchId)
            .OrderBy(r => r.Line).ThenBy(r => r.Id)
            .Select(r => new { r.Line, r.Field, r.Reason, r.SameAsLine })
            .AsAsyncEnumerable();
        await foreach (var reject in rejects.WithCancellation(cancellationToken))
        {
            await csv.WriteRowAsync(
            [
                reject.Line.ToString(CultureInfo.InvariantCulture),
                reject.Field,
                texts.Reject(reject.Reason),
                reject.SameAsLine?.ToString(CultureInfo.InvariantCulture),
            ]);
        }
    }
}
