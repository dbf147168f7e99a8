using Microsoft.AspNetCore.Identity;
using Warta.Web.Accounts.Staff;
using Warta.Web.Data;

namespace Warta.Web.Accounts;

public static class IdentitySetup
{
    public static IdentityBuilder AddWartaIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 10;
                // Length makes a password strong; character-class rules only make people write them down.
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WartaDb>()
            .AddUserManager<StaffUserManager>()
            .AddSignInManager<StaffSignInManager>()
            .AddErrorDescriber<IndonesianIdentityErrors>()
            .AddDefaultTokenProviders();
}
