using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Accounts.Staff;

/// <summary>One-time, expiring invitations: an admin creates one and passes the link on; the invitee sets a password and is in.</summary>
public sealed class StaffInvites(WartaDb db, UserManager<StaffUser> users, TimeProvider clock, StaffOptions options)
{
    public static string PathOf(string token) => "/redaksi/undangan/" + token;

    /// <summary>Creates an invite and returns the secret for its link, which is shown once and stored only as a hash.</summary>
    public async Task<(StaffInvite? Invite, string? Token, Errors Errors)> CreateAsync(HttpContext http, string? email, string? name, string? role)
    {
        var errors = new Errors();
        email = email?.Trim();
        name = name?.Trim();
        if (string.IsNullOrEmpty(email)) errors.Add("email", "Email wajib diisi.");
        else if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email) errors.Add("email", "Alamat email tidak valid.");
        else if (await users.FindByEmailAsync(email) is not null) errors.Add("email", "Email ini sudah punya akun.");
        if (string.IsNullOrEmpty(name)) errors.Add("name", "Nama wajib diisi.");
        else if (name.Length > 120) errors.Add("name", "Nama paling banyak 120 karakter.");
        var knownRole = StaffRoles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (knownRole is null) errors.Add("role", "Pilih peran: Admin, Editor atau Writer.");
        if (errors.Any) return (null, null, errors);

        var now = clock.GetUtcNow();
        // An admin who lost a link simply invites again; the older link stops working.
        foreach (var older in await db.StaffInvites.Where(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync())
            older.RevokedAt = now;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invite = new StaffInvite
        {
            Id = Guid.CreateVersion7(), Email = email!, Name = name!, Role = knownRole!, TokenHash = ApiAuth.Hash(token),
            CreatedAt = now, ExpiresAt = now.AddDays(options.InviteDays),
            CreatedById = http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
        };
        db.StaffInvites.Add(invite);
        AuditLog.Add(db, clock, http, AuditActions.InviteCreate, email, $"peran {knownRole}, berlaku sampai {Indonesian.DateTime(invite.ExpiresAt)}");
        await db.SaveChangesAsync();
        return (invite, token, errors);
    }

    /// <summary>The invite behind a link, when it is still unused, unrevoked and unexpired.</summary>
    public Task<StaffInvite?> FindUsableAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<StaffInvite?>(null);
        var hash = ApiAuth.Hash(token);
        var now = clock.GetUtcNow();
        return db.StaffInvites.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
    }

    /// <summary>
    /// Claims the invite and creates the account in one transaction. The claim is a conditional update, so of two people
    /// opening the same link at once exactly one gets the account.
    /// </summary>
    public async Task<(StaffUser? User, Errors Errors)> AcceptAsync(HttpContext http, string? token, string? password, string? confirmation)
    {
        var errors = new Errors();
        var invite = await FindUsableAsync(token);
        if (invite is null)
        {
            errors.Add("token", "Tautan undangan ini sudah dipakai, dicabut atau kedaluwarsa. Mintalah undangan baru kepada admin.");
            return (null, errors);
        }
        if (string.IsNullOrEmpty(password)) errors.Add("password", "Kata sandi wajib diisi.");
        else if (password != confirmation) errors.Add("confirmation", "Kedua kata sandi tidak sama.");
        if (errors.Any) return (null, errors);

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = await db.StaffInvites
            .Where(i => i.Id == invite.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now));
        if (claimed != 1)
        {
            errors.Add("token", "Tautan undangan ini sudah dipakai, dicabut atau kedaluwarsa. Mintalah undangan baru kepada admin.");
            return (null, errors);
        }
        var user = new StaffUser { UserName = invite.Email, Email = invite.Email, DisplayName = invite.Name, EmailConfirmed = true, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) errors.Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", e.Description);
            return (null, errors);
        }
        var inRole = await users.AddToRoleAsync(user, invite.Role);
        if (!inRole.Succeeded) throw new InvalidOperationException("Role " + invite.Role + " is missing: " + string.Join(" ", inRole.Errors.Select(e => e.Description)));
        await db.StaffInvites.Where(i => i.Id == invite.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedUserId, user.Id));
        AuditLog.AddAs(db, clock, http, user.Id, invite.Email, AuditActions.InviteAccept, invite.Email, "peran " + invite.Role);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (user, errors);
    }

    public async Task<bool> RevokeAsync(HttpContext http, Guid id)
    {
        var invite = await db.StaffInvites.SingleOrDefaultAsync(i => i.Id == id && i.AcceptedAt == null && i.RevokedAt == null);
        if (invite is null) return false;
        invite.RevokedAt = clock.GetUtcNow();
        AuditLog.Add(db, clock, http, AuditActions.InviteRevoke, invite.Email);
        await db.SaveChangesAsync();
        return true;
    }
}
