using MudBlazor;

namespace IntegrationHub.Dashboard;

/// <summary>
/// The dashboard's light and dark palettes. Colours are picked for WCAG AA contrast of text on their backgrounds (axe
/// runs on every page in the browser tests); the system font stack, since the hub loads nothing from elsewhere.
/// </summary>
public static class HubTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2148c0",
            Secondary = "#5b6475",
            Success = "#13683f",
            Warning = "#8a5c00",
            Error = "#b42318",
            Info = "#1f5fa8",
            AppbarBackground = "#1d2330",
            Background = "#f6f7f9",
            DrawerBackground = "#ffffff",
            TextSecondary = "#4d5565",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8fb0ff",
            PrimaryContrastText = "#0b1a3a", // light colours carry dark text in the dark theme
            ErrorContrastText = "#2b0606",
            Secondary = "#b7bfcc",
            Success = "#5fd39a",
            Warning = "#f2c14e",
            Error = "#ff8a80",
            Info = "#7cc0ff",
            AppbarBackground = "#11151d",
            Background = "#171b23",
            Surface = "#1f2430",
            DrawerBackground = "#1a1f29",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
    };
}
