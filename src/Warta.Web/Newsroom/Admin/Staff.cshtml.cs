using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Newsroom.Admin;

[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class StaffModel(StaffAccounts accounts, StaffInvites invites, WartaDb db, TimeProvider clock) : StaffPage
{
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];
    public IReadOnlyList<StaffInvite> PendingInvites { get; private set; } = [];
    /// <summary>The link of the invite just created, shown once for the admin to pass on.</summary>
    public string? InviteLink { get; private set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Role { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        var (invite, token, errors) = await invites.CreateAsync(HttpContext, Email, Name, Role);
        errors.ShowOn(ModelState);
        if (invite is not null)
        {
            InviteLink = $"{Request.Scheme}://{Request.Host}{StaffInvites.PathOf(token!)}";
            Notice = $"Undangan untuk {invite.Name} ({invite.Email}) dibuat. Berikan tautan ini kepadanya; tautan hanya berlaku sekali, sampai {Indonesian.DateTime(invite.ExpiresAt)}, dan tidak ditampilkan lagi.";
            Email = Name = Role = null;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeInviteAsync(Guid id)
    {
        var errors = new Errors();
        if (!await invites.RevokeAsync(HttpContext, id)) errors.Add("invite", "Undangan tidak ditemukan atau sudah dipakai.");
        return await AfterAsync("Undangan dicabut.", errors);
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string? newRole) =>
        await AfterAsync("Peran diubah; berlaku pada permintaan berikutnya.", await accounts.ChangeRoleAsync(HttpContext, id, newRole));

    public async Task<IActionResult> OnPostDisableAsync(string id) =>
        await AfterAsync("Akun dinonaktifkan; sesinya berakhir saat itu juga.", await accounts.SetDisabledAsync(HttpContext, id, disabled: true));

    public async Task<IActionResult> OnPostEnableAsync(string id) =>
        await AfterAsync("Akun diaktifkan kembali.", await accounts.SetDisabledAsync(HttpContext, id, disabled: false));

    async Task<IActionResult> AfterAsync(string notice, Errors errors)
    {
        errors.ShowOn(ModelState);
        if (errors.Any) Response.StatusCode = StatusCodes.Status400BadRequest;
        else Notice = notice;
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync()
    {
        Staff = await accounts.ListAsync();
        var now = clock.GetUtcNow();
        PendingInvites = await db.StaffInvites.AsNoTracking().Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ToListAsync();
    }
}
