using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Warta.Web.Shared;

namespace Warta.Web.Commerce;

/// <summary>Orders, payments, plans, vouchers and subscriptions: what Members and Academy sell through.</summary>
public static class CommerceModule
{
    public static IServiceCollection AddCommerce(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Entitlements>();
        services.AddScoped<OrderBook>();
        services.AddScoped<Checkout>();
        services.AddScoped<ICheckout>(sp => sp.GetRequiredService<Checkout>());
        services.AddScoped<PaymentDesk>();
        services.AddSingleton(configuration.GetSection("Warta:Payments:Transfer").Get<TransferOptions>() ?? new TransferOptions());
        services.AddSingleton<OrderExpirySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderExpirySweep>());

        // Midtrans only when its server key is configured; without it, paid orders wait for a bank transfer.
        var midtrans = configuration.GetSection("Warta:Payments:Midtrans").Get<MidtransOptions>();
        if (!string.IsNullOrWhiteSpace(midtrans?.ServerKey))
        {
            services.AddSingleton(midtrans);
            services.AddHttpClient(MidtransGateway.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(Math.Clamp(midtrans.TimeoutSeconds, 1, 120)))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), AllowAutoRedirect = false });
            services.AddScoped<MidtransGateway>();
            services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<MidtransGateway>());
            services.AddScoped<MidtransNotifications>();
            // "Bayar" posts to Warta, which redirects the reader to Snap's payment page.
            services.AddSingleton(new FormTarget(new Uri(midtrans.SnapBaseUrl)));
        }
        services.Configure<RateLimiterOptions>(o =>
            // Midtrans retries a few times per notification; a flood from one address is not Midtrans.
            o.AddPolicy(MidtransNotifications.RateLimit, http => RateLimitPartition.GetTokenBucketLimiter("ip:" + http.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions { TokenLimit = 120, TokensPerPeriod = 20, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 })));
        return services;
    }

    public static void MapCommerce(this IEndpointRouteBuilder app)
    {
        // Server to server: Midtrans signs the body and the status API confirms it, so there is no antiforgery token to
        // check. Mapped even without Midtrans configured, so a stray notification gets a plain 404, not a missing route.
        app.MapPost(MidtransNotifications.Path, (HttpRequest request, IServiceProvider services, CancellationToken ct) =>
                services.GetService<MidtransNotifications>() is { } notifications ? notifications.ReceiveAsync(request, ct) : Task.FromResult<IResult>(Results.NotFound()))
            .DisableAntiforgery()
            .RequireRateLimiting(MidtransNotifications.RateLimit)
            .ExcludeFromDescription();
    }
}
