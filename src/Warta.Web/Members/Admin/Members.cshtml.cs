using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Staff;
using Warta.Web.Data;

namespace Warta.Web.Members.Admin;

public sealed record MemberRow(Guid Id, string? Email, string DisplayName, DateTimeOffset CreatedAt, DateTimeOffset? AccessEnds);

/// <summary>Readers found by their email address, with how long their premium access lasts.</summary>
[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class MembersModel(WartaDb db, TimeProvider clock) : StaffPage
{
    public const int Shown = 100;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    public IReadOnlyList<MemberRow> Found { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var query = (Query ?? "").Trim().ToUpperInvariant();
        var now = clock.GetUtcNow();
        var readers = db.Readers.AsNoTracking();
        if (query.Length > 0) readers = readers.Where(r => r.NormalizedEmail!.Contains(query));
        var found = await readers.OrderByDescending(r => r.CreatedAt).Take(Shown)
            .Select(r => new { r.Id, r.Email, r.DisplayName, r.CreatedAt }).ToListAsync();
        var ids = found.Select(r => r.Id).ToList();
        var ends = (await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.ReaderId) && s.EndedAt == null && s.StartsAt <= now && s.EndsAt > now)
            .Select(s => new { s.ReaderId, s.EndsAt }).ToListAsync()).GroupBy(s => s.ReaderId).ToDictionary(g => g.Key, g => g.Max(s => s.EndsAt));
        Found = found.Select(r => new MemberRow(r.Id, r.Email, r.DisplayName, r.CreatedAt, ends.TryGetValue(r.Id, out var end) ? end : null)).ToList();
    }
}
