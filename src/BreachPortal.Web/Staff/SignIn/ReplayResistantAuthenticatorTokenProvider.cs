using BreachPortal.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>
/// Identity's authenticator provider accepts the same code again for as long as it is valid. This one records
/// the accepted time step with a guarded update, so a code — even one seen over a shoulder or phished in real
/// time — is accepted once, and two simultaneous submissions of it cannot both win.
/// </summary>
public sealed class ReplayResistantAuthenticatorTokenProvider(PortalDbContext db, TimeProvider time, AuthenticatorCheck check)
    : IUserTwoFactorTokenProvider<StaffUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) =>
        throw new NotSupportedException("Authenticator codes are computed by the staff member's app, never sent.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        check.LastRefusalWasReplay = false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = Totp.Normalize(token);
        if (string.IsNullOrWhiteSpace(key) || code is null)
        {
            return false;
        }

        var step = Totp.MatchingStep(Base32.Decode(key), code, time.GetUtcNow());
        if (step is null)
        {
            return false;
        }

        var claimed = await db.Users
            .Where(u => u.Id == user.Id && (u.LastAuthenticatorTimeStep == null || u.LastAuthenticatorTimeStep < step))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastAuthenticatorTimeStep, step));
        if (claimed == 0)
        {
            check.LastRefusalWasReplay = true;
            return false;
        }

        db.Entry(user).Property(u => u.LastAuthenticatorTimeStep).OriginalValue = step;
        user.LastAuthenticatorTimeStep = step;
        return true;
    }
}
