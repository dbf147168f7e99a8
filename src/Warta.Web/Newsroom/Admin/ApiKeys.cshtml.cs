using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Shared;
using Warta.Web.Accounts;

namespace Warta.Web.Newsroom.Admin;

public sealed class ApiKeysModel(WartaDb db, ApiKeyService keys, TimeProvider clock) : FormPage
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    /// <summary>The secret of the key just created: shown on this one response, stored only as a hash.</summary>
    public string? NewSecret { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? scope)
    {
        var (key, secret, errors) = await keys.TryCreateAsync(name, scope,
            k => AuditLog.Add(db, clock, HttpContext, AuditActions.ApiKeyCreate, $"{k.Name} ({k.Prefix}…)", "cakupan " + k.Scope));
        Outcome(errors, $"Kunci {key?.Name} dibuat. Salin sekarang: kunci ini tidak ditampilkan lagi.");
        NewSecret = secret;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var key = await keys.RevokeAsync(id, k => AuditLog.Add(db, clock, HttpContext, AuditActions.ApiKeyRevoke, $"{k.Name} ({k.Prefix}…)"));
        var errors = new Errors();
        if (key is null) errors.Add("id", "No such active key.", "Kunci tidak ditemukan atau sudah dicabut.");
        Outcome(errors, $"Kunci {key?.Name} dicabut.");
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync() => Keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync();
}
