using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

public sealed record StaffRow(string Id, string Email, string Name, string Role, bool Disabled, bool TwoFactor, DateTimeOffset? LockedUntil);

/// <summary>
/// What admins do to accounts: change a role, disable and enable. Each change is one transaction with its audit entry, and
/// takes effect on the account's next request (sessions are re-checked on every request, see <see cref="StaffAccess"/>).
/// </summary>
public sealed class StaffAccounts(WartaDb db, UserManager<StaffUser> users, TimeProvider clock)
{
    public async Task<List<StaffRow>> ListAsync()
    {
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.DisabledAt, u.TwoFactorEnabled, u.LockoutEnd,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync();
        return rows.Select(u => new StaffRow(u.Id, u.Email ?? "", u.DisplayName ?? u.Email ?? "", u.Role ?? "", u.DisabledAt is not null,
            u.TwoFactorEnabled, u.LockoutEnd > clock.GetUtcNow() ? u.LockoutEnd : null /* the same clock as StaffUserManager's lockout */)).ToList();
    }

    public async Task<Errors> ChangeRoleAsync(HttpContext http, string id, string? role)
    {
        var errors = new Errors();
        var newRole = StaffRoles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (newRole is null)
        {
            errors.Add("role", "Pilih peran: Admin, Editor atau Penulis.");
            return errors;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            errors.Add("id", "Akun tidak ditemukan.");
            return errors;
        }
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == newRole) return errors;
        if (current.Contains(StaffRoles.Admin) && newRole != StaffRoles.Admin && await IsLastActiveAdminAsync(user))
        {
            errors.Add("role", "Ini satu-satunya admin aktif; jadikan akun lain admin terlebih dahulu.");
            return errors;
        }
        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, newRole));
        AuditLog.Add(db, clock, http, AuditActions.RoleChange, user.Email, $"{string.Join(", ", current.Select(StaffNames.Role))} → {StaffNames.Role(newRole)}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return errors;
    }

    public async Task<Errors> SetDisabledAsync(HttpContext http, string id, bool disabled)
    {
        var errors = new Errors();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            errors.Add("id", "Akun tidak ditemukan.");
            return errors;
        }
        if ((user.DisabledAt is not null) == disabled) return errors;
        if (disabled)
        {
            if (user.Id == users.GetUserId(http.User))
            {
                errors.Add("id", "Anda tidak dapat menonaktifkan akun Anda sendiri.");
                return errors;
            }
            if (await users.IsInRoleAsync(user, StaffRoles.Admin) && await IsLastActiveAdminAsync(user))
            {
                errors.Add("id", "Ini satu-satunya admin aktif; akun ini tidak dapat dinonaktifkan.");
                return errors;
            }
        }
        user.DisabledAt = disabled ? clock.GetUtcNow() : null;
        // A new stamp ends every open session of a disabled account at its next request.
        if (disabled) await users.UpdateSecurityStampAsync(user);
        else Check(await users.UpdateAsync(user));
        AuditLog.Add(db, clock, http, disabled ? AuditActions.AccountDisable : AuditActions.AccountEnable, user.Email);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return errors;
    }

    async Task<bool> IsLastActiveAdminAsync(StaffUser user)
    {
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return !admins.Any(a => a.Id != user.Id && a.DisabledAt is null);
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
