using System.Buffers.Text;
using System.Security.Cryptography;
using BreachPortal.Web.Data;
using BreachPortal.Web.Registry.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Checks.Sessions;

/// <summary>
/// A person's view of their own results after the code: opened for the people the code proved, for a fixed time,
/// ended by the person or by expiry. The browser holds a random token (cookie <see cref="CookieName"/>).
/// </summary>
public sealed class CheckSessions(PortalDbContext db, IOptions<CheckOptions> options, TimeProvider time)
{
    public const string CookieName = "bp.check.session";
    private const int TokenBytes = 32;

    public async Task OpenAsync(HttpContext context, long[] personIds, BlindIndexKind kind, string maskedContact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = RandomNumberGenerator.GetBytes(TokenBytes);
        var now = time.GetUtcNow();
        var lifetime = options.Value.SessionLifetime;
        db.Add(new CheckSession
        {
            TokenHash = SHA256.HashData(token),
            PersonIds = personIds,
            ContactKind = kind,
            MaskedContact = maskedContact,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        context.Response.Cookies.Append(CookieName, Base64Url.EncodeToString(token), PendingCheck.Options(lifetime));
    }

    /// <returns>The visitor's live session, or null.</returns>
    public async Task<CheckSession?> CurrentAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (TokenHash(context) is not { } hash)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return await db.Set<CheckSession>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.TokenHash == hash && s.EndedAt == null && s.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Ends the visitor's session, if any, and forgets its cookie.</summary>
    public async Task EndAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (TokenHash(context) is { } hash)
        {
            var now = time.GetUtcNow();
            await db.Set<CheckSession>()
                .Where(s => s.TokenHash == hash && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        }

        context.Response.Cookies.Delete(CookieName, PendingCheck.Options(TimeSpan.Zero));
    }

    private static byte[]? TokenHash(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || value is not { Length: > 0 and < 100 })
        {
            return null;
        }

        try
        {
            var token = Base64Url.DecodeFromChars(value);
            return token.Length == TokenBytes ? SHA256.HashData(token) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
