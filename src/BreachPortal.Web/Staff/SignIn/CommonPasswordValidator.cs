using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>
/// Length is the rule (12 or more, no composition rules, as NIST SP 800-63B advises); on top of it, refuse what
/// attackers try first: passwords from breach lists, a common word dressed with digits, symbols or l33t
/// substitutions ("Motdepasse2024!"), keyboard runs, and the person's own address or the agency's name.
/// </summary>
public sealed class CommonPasswordValidator(StaffIdentityErrors errors) : IPasswordValidator<StaffUser>
{
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "password", "passw0rd", "motdepasse", "mdp", "secret", "admin", "administrator", "administrateur", "root",
        "welcome", "bienvenue", "bonjour", "hello", "salut", "coucou", "letmein", "login", "connexion", "qwerty",
        "azerty", "qwertz", "azertyuiop", "qwertyuiop", "asdfgh", "qsdfgh", "qsdfghjklm", "wxcvbn", "zxcvbn",
        "iloveyou", "jetaime", "loveyou", "monkey", "dragon", "master", "shadow", "sunshine", "princess", "football",
        "soleil", "doudou", "chouchou", "loulou", "marseille", "paris", "lyon", "toulouse", "france", "francetravail",
        "poleemploi", "emploi", "travail", "capemploi", "breachportal", "portail", "agence", "service", "public",
        "changeme", "changemoi", "default", "defaut", "test", "testing", "azerty123", "superman", "batman", "pokemon",
        "naruto", "chocolat", "nicolas", "julien", "thomas", "camille", "marie", "sophie", "isabelle", "catherine",
        "jennifer", "michael", "jordan", "charlie", "freedom", "whatever", "trustno", "starwars", "baseball",
        "hunter", "ranger", "buster", "soccer", "hockey", "killer", "george", "summer", "winter", "spring", "autumn",
        "ete", "hiver", "printemps", "automne", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
        "aout", "septembre", "octobre", "novembre", "decembre", "lundi", "vendredi", "dimanche", "samedi",
        "abc", "abcdef", "abcdefgh", "abcdefghijkl", "aaaaaa", "azertyuiopqsdfghjklm", "motdepassesecret",
        "passwordpassword", "secretsecret", "access", "accesscode", "security", "securite", "cnil", "rgpd",
        "gouvernement", "republique", "marianne", "liberte", "egalite", "fraternite", "qwerty1", "zaq", "xsw",
    };

    private static readonly string[] KeyboardRuns = ["azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IsGuessable(password, user.Email)
            ? IdentityResult.Failed(errors.PasswordTooCommon())
            : IdentityResult.Success);
    }

    public static bool IsGuessable(string password, string? email)
    {
        var lower = RemoveDiacritics(password.ToLowerInvariant());
        if (lower.Distinct().Count() < 5)
        {
            return true;
        }

        // "Motdepasse2024!" and "P@ssw0rd" alike: the word with its decorations stripped, and with l33t undone.
        var core = lower.Trim("0123456789!?.,;:-_*#$€&%+= ".ToCharArray());
        string[] candidates =
        [
            new([.. lower.Where(char.IsAsciiLetterLower)]),
            new([.. Unleet(core).Where(char.IsAsciiLetterLower)]),
        ];
        foreach (var letters in candidates)
        {
            if ((letters.Length == 0 && IsDigitRun(lower)) || CommonWords.Contains(letters) || IsRepetitionOfCommonWord(letters)
                || KeyboardRuns.Any(run => letters.Length >= 4 && run.Contains(letters, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        var local = email?.Split('@')[0].ToLowerInvariant();
        return local is { Length: >= 4 } && candidates.Append(lower).Any(c => c.Contains(local, StringComparison.Ordinal));
    }

    private static bool IsDigitRun(string password)
    {
        var digits = new string([.. password.Where(char.IsAsciiDigit)]);
        const string Ascending = "01234567890123456789";
        return digits.Length == 0 || Ascending.Contains(digits, StringComparison.Ordinal)
            || new string([.. Ascending.Reverse()]).Contains(digits, StringComparison.Ordinal);
    }

    private static bool IsRepetitionOfCommonWord(string letters)
    {
        for (var length = 1; length <= letters.Length / 2; length++)
        {
            if (letters.Length % length == 0 && string.Concat(Enumerable.Repeat(letters[..length], letters.Length / length)) == letters)
            {
                return true;
            }
        }

        foreach (var word in CommonWords.Where(w => w.Length >= 4 && letters.Contains(w, StringComparison.Ordinal)))
        {
            if (letters.Replace(word, "", StringComparison.Ordinal).Length <= 2)
            {
                return true;
            }
        }

        return false;
    }

    private static string Unleet(string text) => text
        .Replace('@', 'a').Replace('4', 'a').Replace('0', 'o').Replace('1', 'i').Replace('!', 'i')
        .Replace('3', 'e').Replace('$', 's').Replace('5', 's').Replace('7', 't').Replace('€', 'e');

    private static string RemoveDiacritics(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
