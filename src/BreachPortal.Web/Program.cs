using BreachPortal.Web.Authority;
using BreachPortal.Web.Checks;
using BreachPortal.Web.Data;
using BreachPortal.Web.Demo;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Registry;
using BreachPortal.Web.Staff;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = PortalCommandLine.HostArguments(args) });
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.AddPortalLogging();
builder.Services.AddPortalData(builder.Configuration);
builder.Services.AddDemo();
builder.Services.AddPortalMail();
builder.Services.AddSmsChannel();
builder.Services.AddPortalWeb();
// After AddPortalWeb: Razor Pages' own options setup must exist before staff conventions join it.
builder.Services.AddStaff();
builder.Services.AddRegistry();
builder.Services.AddNotifications();
builder.Services.AddChecks();
builder.Services.AddAuthority();
builder.Services.AddPortalHealthChecks();

var app = builder.Build();
try
{
    DataServiceCollectionExtensions.RequiredConnectionString(app.Configuration);
}
catch (InvalidOperationException notConfigured)
{
    await Console.Error.WriteLineAsync(notConfigured.Message);
    return PortalCommandLine.Failure;
}

if (PortalCommandLine.IsCommand(args))
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    return await PortalCommandLine.RunAsync(app.Services, args, Console.Out, Console.Error, cancel.Token);
}

await app.MigrateInDevelopmentAsync();
app.UsePortalPipeline();
try
{
    await app.RunAsync();
}
catch (Exception invalid) when (StartupValidation.Failures(invalid) is { Count: > 0 } failures)
{
    await Console.Error.WriteLineAsync($"The portal cannot start: {string.Join(" ", failures)}");
    return PortalCommandLine.Failure;
}

return PortalCommandLine.Success;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
