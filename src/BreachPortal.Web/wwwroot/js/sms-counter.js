// Live SMS counter for the template form: the same rules as SmsSegments (GSM-7 160/153 septets, extension characters
// cost 2; UCS-2 70/67 code units), counted on the text as typed and on its worst case (each {{placeholder}} replaced
// by the value the server sent in data-values). Without JavaScript the server-rendered counter is shown instead.
(function () {
    'use strict';

    var BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
        '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    var EXTENSION = '\f^{}\\[~]|€';

    function cost(c) {
        if (BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }

    function isHigh(code) {
        return code >= 0xD800 && code <= 0xDBFF;
    }

    function isLow(code) {
        return code >= 0xDC00 && code <= 0xDFFF;
    }

    function ucs2(text, index) {
        var first = isHigh(text.charCodeAt(index)) && index + 1 < text.length ? text.substr(index, 2) : text.charAt(index);
        if (text.length <= 70) {
            return { encoding: 'UCS-2', units: text.length, segments: 1, first: first };
        }
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.length; i++) {
            var units = isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
            if (used + units > 67) {
                segments++;
                used = 0;
            }
            used += units;
            i += units - 1;
        }
        return { encoding: 'UCS-2', units: text.length, segments: segments, first: first };
    }

    function analyse(text) {
        var septets = 0;
        var i;
        for (i = 0; i < text.length; i++) {
            var c = cost(text.charAt(i));
            if (c === 0) {
                return ucs2(text, i);
            }
            septets += c;
        }
        if (septets <= 160) {
            return { encoding: 'GSM-7', units: septets, segments: septets === 0 ? 0 : 1, first: null };
        }
        var segments = 1;
        var used = 0;
        for (i = 0; i < text.length; i++) {
            var units = cost(text.charAt(i));
            if (used + units > 153) {
                segments++;
                used = 0;
            }
            used += units;
        }
        return { encoding: 'GSM-7', units: septets, segments: segments, first: null };
    }

    function format(template, values) {
        return template.replace(/\{(\d+)\}/g, function (match, index) {
            var value = values[Number(index)];
            return value === undefined ? match : String(value);
        });
    }

    function show(paragraph, label, analysis, counter, language) {
        var number = function (n) { return n.toLocaleString(language); };
        var text = format(counter.dataset.format, [analysis.encoding, number(analysis.units), number(analysis.segments), number(Number(counter.dataset.max))]);
        if (analysis.first !== null) {
            text += ' ' + format(counter.dataset.formatFirst, [analysis.first]);
        }
        var strong = document.createElement('strong');
        strong.textContent = label;
        var span = document.createElement('span');
        span.textContent = ' ' + text;
        paragraph.replaceChildren(strong, span);
    }

    function start(counter) {
        var source = document.getElementById(counter.dataset.source);
        var typed = counter.querySelector('[data-sms="typed"]');
        var worst = counter.querySelector('[data-sms="worst"]');
        if (!source || !typed || !worst) {
            return;
        }
        var values = JSON.parse(counter.dataset.values || '{}');
        var labelOf = function (paragraph) {
            var strong = paragraph.querySelector('strong');
            return strong ? strong.textContent : '';
        };
        var typedLabel = labelOf(typed);
        var worstLabel = labelOf(worst);
        var language = document.documentElement.lang || undefined;
        var timer = null;
        var update = function () {
            var text = source.value.replace(/\r\n?/g, '\n');
            show(typed, typedLabel, analyse(text), counter, language);
            var filled = text.replace(/\{\{[a-z_]+\}\}/g, function (token) {
                return Object.prototype.hasOwnProperty.call(values, token) ? values[token] : token;
            });
            show(worst, worstLabel, analyse(filled), counter, language);
        };
        // Announced once typing pauses, not at every key.
        source.addEventListener('input', function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(update, 400);
        });
    }

    document.querySelectorAll('#sms-counter').forEach(start);
}());
