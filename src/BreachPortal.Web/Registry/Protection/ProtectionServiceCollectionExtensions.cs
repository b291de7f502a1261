using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Registry.Protection;

public static class ProtectionServiceCollectionExtensions
{
    public static IServiceCollection AddRegistryProtection(this IServiceCollection services)
    {
        services.AddOptions<ProtectionOptions>().BindConfiguration(ProtectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProtectionOptions>, ProtectionOptionsValidator>();
        // Development may start without keys (tools/run generates them); the registry then says what is missing when first used.
        services.AddSingleton(provider =>
        {
            var (keys, problems) = ProtectionKeys.Load(provider.GetRequiredService<IOptions<ProtectionOptions>>().Value);
            return keys ?? throw new InvalidOperationException("The registry's protection keys are not usable: " + string.Join(" ", problems));
        });
        services.AddSingleton<FieldProtector>();
        services.AddSingleton<BlindIndex>();
        return services;
    }
}

internal sealed class ProtectionOptionsValidator(IHostEnvironment environment) : IValidateOptions<ProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var (_, problems) = ProtectionKeys.Load(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
