using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;

namespace Warta.Web.Members;

/// <summary>Plans, vouchers and subscriptions as readers and admins see them; periods are granted through Commerce's orders.</summary>
public static class MembersModule
{
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddScoped<Memberships>();
        services.AddScoped<PlanWriter>();
        services.AddScoped<IOrderFulfiller, SubscriptionFulfiller>();
        services.AddScoped<IPersonalData, MembershipData>();
        return services;
    }
}
