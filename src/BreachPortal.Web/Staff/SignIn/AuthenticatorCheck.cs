namespace BreachPortal.Web.Staff.SignIn;

/// <summary>Why the last authenticator code of this request was refused, so the page can audit a replay as such.</summary>
public sealed class AuthenticatorCheck
{
    public bool LastRefusalWasReplay { get; set; }
}
