using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting.CommandLine;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.Authorization;
using BreachPortal.Web.Staff.Guard;
using BreachPortal.Web.Staff.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Staff;

public static class StaffServiceCollectionExtensions
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("BreachPortal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseXmlRepository(scopes));

        services.AddIdentity<StaffUser, IdentityRole<Guid>>(ConfigureIdentity)
            .AddRoleStore<Microsoft.AspNetCore.Identity.EntityFrameworkCore.RoleStore<IdentityRole<Guid>, PortalDbContext, Guid>>()
            .AddUserStore<StaffUserStore>()
            .AddSignInManager<StaffSignInManager>()
            .AddErrorDescriber<StaffIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddTokenProvider<ReplayResistantAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddTokenProvider<PhoneNumberTokenProvider<StaffUser>>(TokenOptions.DefaultPhoneProvider);
        services.AddScoped<StaffIdentityErrors>();
        services.AddScoped<AuthenticatorCheck>();
        services.AddScoped<SignInRefusals>();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(ConfigureSessionCookie);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.Name = StaffCookies.SecondFactorPending;
            cookie.Cookie.Path = "/";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        services.Configure<AntiforgeryOptions>(options =>
        {
            options.Cookie.Name = StaffCookies.Antiforgery;
            // "Always" would make antiforgery throw on any plain-http request (a local run, a TLS proxy without
            // forwarded headers); the token is worthless without its form, unlike the session cookie.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorization(StaffPolicies.Add);
        services.Configure<RazorPagesOptions>(options => options.Conventions.AddFolderApplicationModelConvention(StaffPageAccess.StaffRoot, StaffPageAccess.Apply));

        services.AddScoped<AuditLog>();
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<StaffPhones>();
        services.AddScoped<RecordViewGuard>();
        services.AddOptions<RecordViewGuardOptions>().BindConfiguration(RecordViewGuardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddPortalCommand<CreateAdminCommand>();
        services.AddPortalCommand<AuditVerifyCommand>();
        return services;
    }

    public static WebApplication UseStaff(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<StaffSessionMiddleware>();
        app.UseAuthorization();
        return app;
    }

    private static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
        // Length and a list of guessable passwords (CommonPasswordValidator), not composition rules.
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 5;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
    }

    private static void ConfigureSessionCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = StaffCookies.Session;
        cookie.Cookie.Path = "/";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.ExpireTimeSpan = StaffCookies.IdleTimeout;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/staff/sign-in";
        cookie.LogoutPath = "/staff/sign-out";
        cookie.AccessDeniedPath = "/staff/denied";
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            // The error page explains it, with the 403 status, at the address that was asked for.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
