using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Markets.Feeds;

[Authorize(Policy = Accounts.Staff.StaffAccess.AdminPolicy)]
public sealed class FeedListModel(WartaDb db) : PageModel
{
    public IReadOnlyList<QuoteFeed> Feeds { get; private set; } = [];

    public async Task OnGetAsync() => Feeds = await db.QuoteFeeds.AsNoTracking().OrderBy(f => f.Name).ToListAsync();
}
