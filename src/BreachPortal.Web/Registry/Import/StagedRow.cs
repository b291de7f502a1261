using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// One line of the staging table: either a person ready to merge (indexes and sealed payload, no clear value) or
/// one problem of a rejected line (<see cref="Field"/> and <see cref="Reason"/> set).
/// </summary>
public readonly record struct StagedRow(
    long Line,
    string? Field,
    string? Reason,
    byte[]? NirIndex,
    byte[]? FranceTravailIdIndex,
    byte[]? EmailIndex,
    byte[]? PhoneIndex,
    byte[]? Payload,
    long HeldData)
{
    public static StagedRow Problem(long line, RowProblem problem) => new(line, problem.Field, problem.Reason, null, null, null, null, null, 0);

    public static StagedRow Person(long line, PersonDetails details, BlindIndex index, PersonPayload payload)
    {
        var nirIndex = index.Compute(BlindIndexKind.Nir, details.Nir);
        return new StagedRow(
            line,
            null,
            null,
            nirIndex,
            details.FranceTravailId is { } id ? index.Compute(BlindIndexKind.FranceTravailId, id) : null,
            details.Email is { } email ? index.Compute(BlindIndexKind.Email, EmailAddress.BlindIndexForm(email)) : null,
            details.Phone is { } phone ? index.Compute(BlindIndexKind.Phone, phone) : null,
            payload.Seal(details, nirIndex),
            (long)details.HeldData);
    }
}
