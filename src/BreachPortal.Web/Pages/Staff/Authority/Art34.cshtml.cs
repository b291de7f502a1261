using System.Globalization;
using System.Text;
using System.Text.Json;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Pages.Staff.Authority;

/// <summary>
/// The Art. 34 evidence of one incident for the CNIL liaison and Operators: counts only, as tables and as exports
/// (JSON, one CSV per table). Every view and every export is audited.
/// </summary>
public sealed class Art34Model(
    NpgsqlDataSource database, LedgerPeople people, IOptions<LedgerPeopleOptions> counting, AuditLog audit, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public Art34Evidence Evidence { get; private set; } = null!;

    public int RecountMinutes => (int)Math.Ceiling(counting.Value.RecountEvery.TotalMinutes);

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        Response.ForbidStoring();
        if (await Art34Evidences.BuildAsync(database, people, reference, time.GetUtcNow(), cancellationToken) is not { } evidence)
        {
            return NotFound();
        }

        Evidence = evidence;
        await AuditAsync(AuditEventType.Art34EvidenceViewed, evidence, null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync(string reference, CancellationToken cancellationToken)
    {
        Response.ForbidStoring();
        if (await Art34Evidences.BuildAsync(database, people, reference, time.GetUtcNow(), cancellationToken) is not { } evidence)
        {
            return NotFound();
        }

        await AuditAsync(AuditEventType.Art34EvidenceExported, evidence, "format=json", cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(evidence, Art34Export.JsonOptions);
        return File(body, "application/json; charset=utf-8", FileName(evidence, null, "json"));
    }

    public async Task<IActionResult> OnGetCsvAsync(string reference, string? part, CancellationToken cancellationToken)
    {
        Response.ForbidStoring();
        if (!Art34Export.IsPart(part))
        {
            return BadRequest(t["Staff.Authority.Art34.UnknownPart", string.Join(", ", Art34Export.CsvParts.Keys)].Value);
        }

        if (await Art34Evidences.BuildAsync(database, people, reference, time.GetUtcNow(), cancellationToken) is not { } evidence)
        {
            return NotFound();
        }

        await AuditAsync(AuditEventType.Art34EvidenceExported, evidence, $"format=csv part={part}", cancellationToken);
        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            await Art34Export.WriteCsvAsync(writer, evidence, part!);
        }

        return File(buffer.ToArray(), "text/csv; charset=utf-8", FileName(evidence, part, "csv"));
    }

    private static string FileName(Art34Evidence evidence, string? part, string extension) =>
        $"art34-{evidence.IncidentReference}{(part is null ? "" : "-" + part)}-{evidence.GeneratedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.{extension}";

    private async Task AuditAsync(AuditEventType type, Art34Evidence evidence, string? detail, CancellationToken cancellationToken) =>
        await audit.AppendAsync(
            new AuditEntry(type, StaffActor.Of(HttpContext)) { SubjectType = AuditSubjects.Incident, SubjectId = evidence.IncidentReference, Detail = detail },
            cancellationToken);
}
