using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.Guard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Registry.Lookup;

/// <summary>
/// An operator's exact search for one person, by an identifier matched through its blind index. The caller
/// gives a reason; every lookup, found or not, is counted by the exfiltration guard and written to the audit log,
/// and what comes back is masked. The searched value itself goes nowhere: not in the audit, a log or an exception.
/// </summary>
public sealed partial class PersonLookup(
    PortalDbContext db,
    BlindIndex index,
    PersonPayload payload,
    RecordViewGuard guard,
    AuditLog audit,
    ImportTexts texts,
    IStringLocalizer<SharedResource> localizer,
    ILogger<PersonLookup> logger)
{
    public const int ReasonMinLength = 10;
    public const int ReasonMaxLength = 500;

    /// <summary>An email or phone shared by more people than this asks for a more precise identifier.</summary>
    public const int MaxPeople = 10;

    /// <summary>The message key for a reason that is missing, too short or too long; null when it will do.</summary>
    public static string? CheckReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "Staff.Lookup.Error.ReasonRequired";
        }

        return trimmed.Length is < ReasonMinLength or > ReasonMaxLength ? "Staff.Lookup.Error.ReasonLength" : null;
    }

    public async Task<PersonLookupResult> LookupAsync(BlindIndexKind kind, string? rawValue, string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckReason(reason) is { } reasonError)
        {
            return PersonLookupResult.Invalid(PersonLookupField.Reason, localizer[reasonError, ReasonMinLength, ReasonMaxLength]);
        }

        var (normalized, valueError) = Normalize(kind, rawValue);
        if (normalized is null)
        {
            return PersonLookupResult.Invalid(PersonLookupField.Value, texts.Reject(valueError!));
        }

        var given = reason!.Trim();
        if (Mentions(given, rawValue!) || Mentions(given, normalized))
        {
            return PersonLookupResult.Invalid(PersonLookupField.Reason, localizer["Staff.Lookup.Error.ReasonHasValue"]);
        }

        // Counted before the search, so a locked account learns nothing, not even whether the person exists.
        if (await guard.RecordViewAsync(actor, cancellationToken) != RecordViewVerdict.Allowed)
        {
            LogRefusedByGuard(logger, actor.StaffId, kind);
            return PersonLookupResult.Locked;
        }

        var detail = $"identifier={kind}; reason={given}";
        var found = await Matching(kind, index.Compute(kind, normalized))
            .OrderBy(p => p.Id)
            .Take(MaxPeople + 1)
            .ToListAsync(cancellationToken);
        var shown = found.Take(MaxPeople).ToList();
        if (shown.Count == 0)
        {
            await audit.AppendAsync(new AuditEntry(AuditEventType.PersonLookupFoundNothing, actor) { SubjectType = AuditSubjects.Person, Detail = detail }, cancellationToken);
            LogLookedUp(logger, actor.StaffId, kind, 0);
            return PersonLookupResult.NothingFound;
        }

        // The first person was counted above; each further record shown is one more view.
        for (var i = 1; i < shown.Count; i++)
        {
            if (await guard.RecordViewAsync(actor, cancellationToken) != RecordViewVerdict.Allowed)
            {
                LogRefusedByGuard(logger, actor.StaffId, kind);
                return PersonLookupResult.Locked;
            }
        }

        var people = await MaskAsync(shown, cancellationToken);
        foreach (var person in shown)
        {
            await audit.AppendAsync(
                new AuditEntry(AuditEventType.PersonRecordViewed, actor)
                {
                    SubjectType = AuditSubjects.Person,
                    SubjectId = person.Id.ToString(CultureInfo.InvariantCulture),
                    Detail = detail,
                },
                cancellationToken);
        }

        LogLookedUp(logger, actor.StaffId, kind, people.Count);
        return new PersonLookupResult(PersonLookupStatus.Found, people, null, MoreNotShown: found.Count > MaxPeople);
    }

    private static (string? Value, string? RejectReason) Normalize(BlindIndexKind kind, string? rawValue)
    {
        switch (kind)
        {
            case BlindIndexKind.Nir:
                var nir = Nir.Normalize(rawValue);
                return nir.IsValid ? (nir.Value, null) : (null, RejectReasons.Of(nir.Reason!.Value));
            case BlindIndexKind.FranceTravailId:
                var id = FranceTravailId.Normalize(rawValue);
                return id.IsValid ? (id.Value, null) : (null, RejectReasons.Of(id.Reason!.Value));
            case BlindIndexKind.Email:
                var email = EmailAddress.Normalize(rawValue);
                return email.IsValid ? (EmailAddress.BlindIndexForm(email.Value), null) : (null, RejectReasons.Of(email.Reason!.Value));
            case BlindIndexKind.Phone:
                var phone = PhoneNumber.Normalize(rawValue);
                return phone.IsValid ? (phone.Value, null) : (null, RejectReasons.Of(phone.Reason!.Value));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    // The reason is stored in the audit log in clear: an identifier typed into it would end up there too.
    private static bool Mentions(string reason, string value)
    {
        var needle = Compact(value);
        return needle.Length >= 6 && Compact(reason).Contains(needle, StringComparison.Ordinal);
    }

    private static string Compact(string text) =>
        new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private IQueryable<Person> Matching(BlindIndexKind kind, byte[] hash)
    {
        var people = db.Set<Person>().AsNoTracking().Where(p => p.PurgedAt == null);
        return kind switch
        {
            BlindIndexKind.Nir => people.Where(p => p.NirIndex == hash),
            BlindIndexKind.FranceTravailId => people.Where(p => p.FranceTravailIdIndex == hash),
            BlindIndexKind.Email => people.Where(p => p.EmailIndex == hash),
            BlindIndexKind.Phone => people.Where(p => p.PhoneIndex == hash),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private async Task<List<MaskedPerson>> MaskAsync(List<Person> people, CancellationToken cancellationToken)
    {
        var ids = people.Select(p => p.Id).ToList();
        var exposures = await db.Set<Exposure>().AsNoTracking().Where(e => ids.Contains(e.PersonId)).ToListAsync(cancellationToken);
        var incidentIds = exposures.Select(e => e.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        return
        [
            .. people.Select(person =>
            {
                var details = payload.Open(person.Payload!, person.NirIndex);
                return new MaskedPerson(
                    person.Id,
                    Mask.Nir(details.Nir),
                    details.FranceTravailId is null ? null : Mask.FranceTravailId(details.FranceTravailId),
                    Mask.Name(details.LastName),
                    Mask.Name(details.FirstName),
                    details.DateOfBirth is null ? null : Mask.DateOfBirth(details.DateOfBirth),
                    details.Email is null ? null : Mask.Email(details.Email),
                    details.Phone is null ? null : Mask.Phone(details.Phone),
                    person.HeldData,
                    [
                        .. exposures.Where(e => e.PersonId == person.Id)
                            .OrderBy(e => e.CreatedAt)
                            .Select(e => new PersonExposure(incidents[e.IncidentId].Reference, incidents[e.IncidentId].Title, e.CreatedAt, e.Categories)),
                    ]);
            }),
        ];
    }

    [LoggerMessage(EventId = 4101, EventName = "PersonLookedUp", Level = LogLevel.Information, Message = "Staff account {StaffId} looked up a person by {Kind}: {Shown} record(s) shown.")]
    private static partial void LogLookedUp(ILogger logger, Guid? staffId, BlindIndexKind kind, int shown);

    [LoggerMessage(EventId = 4102, EventName = "PersonLookupRefusedByGuard", Level = LogLevel.Warning, Message = "A person lookup by {Kind} from staff account {StaffId} was refused by the exfiltration guard.")]
    private static partial void LogRefusedByGuard(ILogger logger, Guid? staffId, BlindIndexKind kind);
}

public enum PersonLookupStatus
{
    Invalid,
    NothingFound,
    Found,
    AccountLocked,
}

public enum PersonLookupField
{
    Value,
    Reason,
}

/// <summary>What a lookup gives back: an error on one field, nothing, a refusal by the guard, or masked records.</summary>
public sealed record PersonLookupResult(PersonLookupStatus Status, IReadOnlyList<MaskedPerson> People, PersonLookupError? Error, bool MoreNotShown = false)
{
    public static PersonLookupResult NothingFound { get; } = new(PersonLookupStatus.NothingFound, [], null);

    public static PersonLookupResult Locked { get; } = new(PersonLookupStatus.AccountLocked, [], null);

    public static PersonLookupResult Invalid(PersonLookupField field, string message) =>
        new(PersonLookupStatus.Invalid, [], new PersonLookupError(field, message));
}

public sealed record PersonLookupError(PersonLookupField Field, string Message);

/// <summary>One person as a staff page may show them: masked identifiers, and null for what the registry does not hold.</summary>
public sealed record MaskedPerson(
    long Id,
    string Nir,
    string? FranceTravailId,
    string LastName,
    string FirstName,
    string? DateOfBirth,
    string? Email,
    string? Phone,
    DataCategories HeldData,
    IReadOnlyList<PersonExposure> Exposures);

/// <summary>One incident that exposed the person, and which of their data it exposed.</summary>
public sealed record PersonExposure(string IncidentReference, LocalizedText IncidentTitle, DateTimeOffset ImportedAt, DataCategories Categories);
