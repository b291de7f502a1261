using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Web.Checks.Contacts;

/// <summary>An email address or mobile number typed on <c>/check</c>, normalised as the registry stores it.</summary>
/// <param name="Kind"><see cref="BlindIndexKind.Email"/> or <see cref="BlindIndexKind.Phone"/>.</param>
/// <param name="Normalized">The form the blind index is computed from.</param>
/// <param name="Masked">What the page may echo.</param>
public sealed record CheckContact(BlindIndexKind Kind, string Normalized, string Masked)
{
    public const int MaxLength = 254;

    /// <returns>The contact, or the resource key of what is wrong with the input.</returns>
    public static (CheckContact? Contact, string? ErrorKey) Parse(string? input)
    {
        var trimmed = input?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, "Check.Error.Required");
        }

        if (trimmed.Length > MaxLength)
        {
            return (null, "Check.Error.TooLong");
        }

        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            var email = EmailAddress.Normalize(trimmed);
            return email.IsValid
                ? (new CheckContact(BlindIndexKind.Email, EmailAddress.BlindIndexForm(email.Value!), Mask.Email(email.Value)), null)
                : (null, "Check.Error.Email");
        }

        var phone = PhoneNumber.Normalize(trimmed);
        if (!phone.IsValid)
        {
            return (null, "Check.Error.Contact");
        }

        // Codes go by SMS: a landline cannot receive one, so it is refused for everyone, known or not.
        return PhoneNumber.IsMobile(phone.Value!)
            ? (new CheckContact(BlindIndexKind.Phone, phone.Value!, Mask.Phone(phone.Value)), null)
            : (null, "Check.Error.NotMobile");
    }
}
