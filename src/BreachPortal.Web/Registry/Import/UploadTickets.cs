using Microsoft.AspNetCore.DataProtection;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// The upload form cannot carry an antiforgery token the usual way: checking it would read the whole multi-gigabyte
/// form into memory first. The form's address carries this ticket instead — protected, bound to the staff member who
/// opened the form, valid for a working day — which also names the upload so the page can follow its progress.
/// </summary>
public sealed class UploadTickets(IDataProtectionProvider provider, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("BreachPortal.Registry.UploadTicket").ToTimeLimitedDataProtector();

    public (string Ticket, Guid Token) Issue(Guid staffId)
    {
        var token = Guid.NewGuid();
        return (_protector.Protect($"{staffId:N}:{token:N}", time.GetUtcNow().Add(Lifetime)), token);
    }

    /// <returns>The upload token, or null when the ticket is altered, expired, or someone else's.</returns>
    public Guid? Read(string? ticket, Guid staffId)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(ticket, out var expiresAt).Split(':');
            return expiresAt > time.GetUtcNow() && parts.Length == 2 && Guid.TryParse(parts[0], out var owner) && owner == staffId
                && Guid.TryParse(parts[1], out var token) ? token : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
