using BreachPortal.Web.Hosting;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff.Accounts;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Staff;

internal sealed class CreateAdminCommand(StaffAccounts accounts, IOptions<PortalOptions> portal) : IPortalCommand
{
    public string Name => "create-admin";

    public string Summary => "Create an Administrator account: create-admin --email ADDRESS (prints a one-time enrolment link, valid 24 h).";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (arguments.Count != 2 || arguments[0] != "--email")
        {
            await output.WriteLineAsync("create-admin: usage: create-admin --email ADDRESS");
            return PortalCommandLine.UsageError;
        }

        if (!Uri.TryCreate(portal.Value.PublicUrl, UriKind.Absolute, out _))
        {
            await output.WriteLineAsync("create-admin: Portal:PublicUrl is not set (the address staff type to reach the portal, e.g. https://portail.example.fr); the enrolment link needs it.");
            return PortalCommandLine.Failure;
        }

        var (result, invitation) = await accounts.CreateAdministratorAsync(arguments[1], cancellationToken);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"create-admin: {Describe(result.ErrorKey!)}");
            return PortalCommandLine.Failure;
        }

        var what = invitation!.Reissued ? "has not enrolled yet; the previous link no longer works" : "created";
        await output.WriteLineAsync(
            $"create-admin: Administrator {Mask.Email(invitation.User.Email)} {what}. Give them this enrolment link; it works once, " +
            $"until {invitation.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC:");
        await output.WriteLineAsync(invitation.Link);
        return PortalCommandLine.Success;
    }

    private static string Describe(string errorKey) => errorKey switch
    {
        "Staff.Error.InvalidEmail" => "the email address is not valid.",
        "Staff.Error.EmailTaken" => "an account with this email address already exists.",
        _ => "the account could not be created.",
    };
}
