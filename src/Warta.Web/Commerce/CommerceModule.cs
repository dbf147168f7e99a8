namespace Warta.Web.Commerce;

/// <summary>Orders, payments, plans, vouchers and subscriptions: what Members and Academy sell through.</summary>
public static class CommerceModule
{
    public static IServiceCollection AddCommerce(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Entitlements>();
        services.AddScoped<OrderBook>();
        services.AddScoped<ICheckout, Checkout>();
        return services;
    }
}
