using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Data;
using Warta.Web.Content;
using Warta.Web.Shared;

namespace Warta.Web.Newsroom.Admin;

public sealed class ChannelsModel(WartaDb db, LabelEditor labels) : FormPage
{
    public IReadOnlyList<Channel> Channels { get; private set; } = [];

    public async Task OnGetAsync() => Channels = await ListAsync();

    public async Task<IActionResult> OnPostSaveAsync(string? slug, string? name, string? order)
    {
        var errors = new Shared.Errors();
        var parsedOrder = ParseInt(errors, "order", order, "Urutan");
        if (!errors.Any)
        {
            (_, _, errors) = await labels.SaveChannelAsync(HttpContext, slug?.Trim() ?? "", new ChannelInput { Name = name, Order = parsedOrder });
        }
        Outcome(errors, $"Kanal {name} disimpan.");
        Channels = await ListAsync();
        return Page();
    }

    Task<List<Channel>> ListAsync() => db.Channels.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync();
}
