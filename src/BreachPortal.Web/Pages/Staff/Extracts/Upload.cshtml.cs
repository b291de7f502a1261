using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BreachPortal.Web.Pages.Staff.Extracts;

/// <summary>
/// Receives an extract as it arrives: the multipart body is read section by section and the file section is handed
/// to the importer as a stream, so a file of several gigabytes never sits in memory or on disk. The ticket in the
/// address stands in for the antiforgery token (see <see cref="UploadTickets"/>).
/// </summary>
[IgnoreAntiforgeryToken]
[DisableRequestSizeLimit]
public sealed class UploadModel(RegistryImporter importer, UploadTickets tickets, PortalDbContext db, TimeProvider time) : PageModel
{
    private const int IncidentFieldMaxLength = 64;

    public IActionResult OnGet() => RedirectToPage("/Staff/Extracts/Index");

    // No handler parameters: binding one would let the form value provider read, and buffer, the whole body first.
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var ticket = Request.Query["ticket"].ToString();
        if (tickets.Read(ticket, StaffActor.Id(User) ?? Guid.Empty) is not { } token)
        {
            return Refused("Ticket");
        }

        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Refused("NotMultipart");
        }

        var reader = new MultipartReader(boundary, Request.Body);
        string? incident = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (disposition.Name.Value == "incident" && !disposition.IsFileDisposition())
            {
                incident = await ReadSmallFieldAsync(section.Body, cancellationToken);
                continue;
            }

            if (disposition.Name.Value != "file" || !disposition.IsFileDisposition())
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(incident))
            {
                return Refused("NoIncident");
            }

            var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            if (string.IsNullOrEmpty(fileName))
            {
                return Refused("NoFile");
            }

            var outcome = await importer.ImportAsync(
                new ImportRequest(incident, section.Body, fileName, ImportSource.Upload, StaffActor.Of(HttpContext), Request.ContentLength, token),
                cancellationToken);
            return outcome.BatchId is { } batchId
                ? RedirectToPage("/Staff/Extracts/Batch", new { id = batchId })
                : Refused("UnknownIncident");
        }

        return Refused("NoFile");
    }

    /// <summary>The progress of the upload this form started, for its script; only to the staff member who started it.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid token, CancellationToken cancellationToken)
    {
        var staffId = StaffActor.Id(User);
        var batch = await db.Set<ImportBatch>().AsNoTracking()
            .SingleOrDefaultAsync(b => b.UploadToken == token && b.StartedBy == staffId, cancellationToken);
        Response.ForbidStoring();
        return batch is null ? new JsonResult(new { phase = "Waiting" }) : new JsonResult(ImportProgressJson.Of(batch, time.GetUtcNow()));
    }

    private RedirectToPageResult Refused(string error) => RedirectToPage("/Staff/Extracts/Index", new { error });

    private static async Task<string?> ReadSmallFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new char[IncidentFieldMaxLength + 1];
        using var text = new StreamReader(body, System.Text.Encoding.UTF8, leaveOpen: true);
        var read = await text.ReadBlockAsync(buffer, cancellationToken);
        return read > IncidentFieldMaxLength ? null : new string(buffer, 0, read).Trim();
    }
}
