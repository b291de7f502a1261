using BreachPortal.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>Identity's messages in the staff member's language, for the rules the console applies.</summary>
public sealed class StaffIdentityErrors(IStringLocalizer<SharedResource> text) : IdentityErrorDescriber
{
    public IdentityError PasswordTooCommon() => Error(nameof(PasswordTooCommon), "Identity.PasswordTooCommon");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Identity.PasswordTooShort", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "Identity.PasswordTooCommon");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Identity.PasswordMismatch");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Identity.DuplicateEmail");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Identity.DuplicateEmail");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Identity.InvalidEmail");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Identity.InvalidEmail");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Identity.ConcurrencyFailure");

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Identity.DefaultError");

    private IdentityError Error(string code, string key, params object[] arguments) =>
        new() { Code = code, Description = text[key, arguments] };
}
