namespace BreachPortal.Web.Staff.Audit;

/// <summary>What a caller asks the audit log to record; the log adds the time, the id and the hashes.</summary>
public sealed record AuditEntry(AuditEventType Type, AuditActor Actor)
{
    public string? SubjectType { get; init; }

    public string? SubjectId { get; init; }

    public string? Detail { get; init; }

    public static AuditEntry AboutStaff(AuditEventType type, AuditActor actor, Guid staffId, string? detail = null) =>
        new(type, actor) { SubjectType = AuditSubjects.Staff, SubjectId = staffId.ToString("D"), Detail = detail };
}

/// <summary>Who did it: a signed-in staff member, someone not signed in, the command line or the portal itself.</summary>
public sealed record AuditActor(Guid? StaffId, string Label, string? ClientAddress)
{
    public static AuditActor CommandLine { get; } = new(null, "command-line", null);

    public static AuditActor System { get; } = new(null, "system", null);
}
