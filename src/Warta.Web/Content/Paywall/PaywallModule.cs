using Microsoft.Extensions.DependencyInjection.Extensions;
using Warta.Web.Accounts.Readers;
using Warta.Web.Shared;

namespace Warta.Web.Content.Paywall;

/// <summary>The paywall: options, the meter, gift links, and the audience resolver that lets the cache tell readers apart.</summary>
public static class PaywallModule
{
    public static IServiceCollection AddPaywall(this IServiceCollection services, IConfiguration configuration)
    {
        // Read and checked here, so a bad setting stops the app at start with the setting's name in the message.
        services.AddSingleton(PaywallOptions.From(configuration));
        services.AddSingleton<MeterCookie>();
        services.AddSingleton<PublicText>();
        services.AddScoped<Allowances>();
        services.AddScoped<GiftLinks>();
        services.AddScoped<PaywallGate>();
        services.AddScoped<IPersonalData, PaywallPersonalData>();
        services.Replace(ServiceDescriptor.Singleton<IAudienceResolver, PaywallAudienceResolver>());
        return services;
    }
}
