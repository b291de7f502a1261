using BreachPortal.Web.Registry.Import.Csv;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Registry.Import;

/// <summary>One file to import.</summary>
/// <param name="IncidentReference">The incident the file's people were exposed in, e.g. <c>FT-2024-03</c>.</param>
/// <param name="Content">The file, read once from start to end.</param>
/// <param name="FileName">Shown to staff with the batch; never used to open anything.</param>
/// <param name="Source">The command line or the upload page.</param>
/// <param name="Actor">Who is importing, for the audit log.</param>
/// <param name="ExpectedBytes">The content's length when known (a file, an upload's Content-Length), for the estimate of time left.</param>
/// <param name="UploadToken">The upload form's token, by which its page follows the progress.</param>
public sealed record ImportRequest(
    string IncidentReference,
    Stream Content,
    string? FileName,
    ImportSource Source,
    AuditActor Actor,
    long? ExpectedBytes,
    Guid? UploadToken = null);

/// <summary>How an import ended. Counts are rows of the file, not people.</summary>
public sealed record ImportOutcome(
    long? BatchId,
    ImportFailure? Failure,
    long Imported,
    long Rejected,
    long Duplicates,
    IReadOnlyList<RegistryColumn> MissingColumns)
{
    public bool Succeeded => Failure is null;

    public string SummaryLine => $"imported={Imported} rejected={Rejected} duplicates={Duplicates}";

    public static ImportOutcome Refused(long? batchId, ImportFailure failure, IReadOnlyList<RegistryColumn>? missing = null) =>
        new(batchId, failure, 0, 0, 0, missing ?? []);
}
