using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts;

namespace Warta.Web.Newsroom.Admin;

/// <summary>The audit log, newest first, filtered by actor and action, paged by id so a long log reads as fast as a short one.</summary>
public sealed class AuditModel(WartaDb db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "pelaku")] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "aksi")] public string? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "sebelum")] public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public long? OlderFrom { get; private set; }

    public async Task OnGetAsync()
    {
        var query = db.AuditEntries.AsNoTracking();
        var actor = Actor?.Trim();
        if (!string.IsNullOrEmpty(actor))
        {
            var needle = actor.ToLowerInvariant();
            // Translated to SQL as lower(Actor) LIKE '%…%' on both providers; StringComparison has no SQL translation.
#pragma warning disable CA1862
            query = query.Where(e => e.Actor.ToLower().Contains(needle));
#pragma warning restore CA1862
        }
        if (!string.IsNullOrWhiteSpace(Action)) query = query.Where(e => e.Action == Action);
        if (Before is { } before) query = query.Where(e => e.Id < before);
        var rows = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync();
        OlderFrom = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        Entries = rows.Take(PageSize).ToList();
        Actions = await db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync();
    }

    public string LinkOlder() => QueryString(Actor, Action, OlderFrom);

    public static string QueryString(string? actor, string? action, long? before)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(actor)) parts.Add("pelaku=" + Uri.EscapeDataString(actor.Trim()));
        if (!string.IsNullOrWhiteSpace(action)) parts.Add("aksi=" + Uri.EscapeDataString(action));
        if (before is { } b) parts.Add("sebelum=" + b);
        return "/redaksi/admin/audit" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
