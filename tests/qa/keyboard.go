package qa

import (
	"context"
	"fmt"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// KeyboardReport is what tabbing through a page showed.
type KeyboardReport struct {
	// Order describes each element Tab focused, in order.
	Order []string
	// Unreachable are visible controls that Tab never focused: links,
	// buttons and form fields (also with tabindex="-1"), and elements that
	// look clickable (an ARIA widget role or an onclick attribute) but are
	// not focusable. Radio buttons count as reached when their group is.
	Unreachable []string
	// NoIndicator are focused elements whose outline, box-shadow, colours,
	// border and text decoration were all the same as when not focused, or
	// whose only change was an invisible outline.
	NoIndicator []string
	// OutOfOrder, when not "", says where the focus order first departs
	// from document order (as a positive tabindex does).
	OutOfOrder string
}

// Findings turns the report into findings for the page named file.
func (r KeyboardReport) Findings(file string) []Finding {
	var out []Finding
	for _, e := range r.Unreachable {
		out = append(out, Finding{Check: "keyboard", File: file, Message: "not reachable with Tab: " + e})
	}
	for _, e := range r.NoIndicator {
		out = append(out, Finding{Check: "keyboard", File: file, Message: "no visible focus indicator: " + e})
	}
	if r.OutOfOrder != "" {
		out = append(out, Finding{Check: "keyboard", File: file, Message: "focus order: " + r.OutOfOrder})
	}
	return out
}

// kbSetup lists the controls a person expects to reach, switches off
// transitions so that computed styles settle at once, and clears focus.
const kbSetup = `(() => {
  const focusable = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, [contenteditable]:not([contenteditable=false]), audio[controls], video[controls]';
  const roles = new Set(['button','link','checkbox','radio','switch','tab','menuitem','menuitemcheckbox','menuitemradio','option','slider','spinbutton','combobox','textbox','searchbox','treeitem']);
  const visible = el => el.getClientRects().length > 0 &&
    el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && !el.closest('[inert]');
  const expected = [];
  for (const el of document.body.querySelectorAll('*')) {
    const native = el.matches(focusable) && !el.matches(':disabled');
    const role = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
    if (!(native || roles.has(role) || el.hasAttribute('onclick'))) continue;
    if (el.localName === 'summary' && el.parentElement?.localName !== 'details') continue;
    if (el.closest('a[href], button') !== el && el.closest('a[href], button')) continue;
    if (visible(el)) expected.push(el);
  }
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(style);
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  window.__qaKb = {expected, style, order: [], focusedStyles: [], seen: new Set()};
  return expected.length;
})()`

// kbStep records the element focused after one Tab press. done is true when
// focus left the page (or there is nothing to focus) or came back to an
// element already seen.
const kbStep = `(() => {
  const k = window.__qaKb;
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {done: true};
  if (k.seen.has(el)) return {done: true};
  k.seen.add(el);
  k.order.push(el);
  const cs = getComputedStyle(el);
  k.focusedStyles.push(window.__qaKbStyle(cs));
  return {done: false};
})()`

// kbStyle defines the style snapshot compared between focused and unfocused.
const kbStyle = `window.__qaKbStyle = cs => ({
  outline: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset].join(' '),
  outlineVisible: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !/rgba\(.*,\s*0\)$|transparent/.test(cs.outlineColor),
  other: [cs.boxShadow, cs.backgroundColor, cs.color, cs.borderTopColor, cs.borderRightColor, cs.borderBottomColor, cs.borderLeftColor,
          cs.borderTopWidth, cs.borderBottomWidth, cs.textDecorationLine, cs.textDecorationColor, cs.textDecorationThickness].join('|'),
}); true`

// kbReport compares each focused element's style with its unfocused style
// and lists unreachable controls and order problems.
const kbReport = `(() => {
  const k = window.__qaKb;
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  const describe = el => {
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    for (const c of el.classList) s += '.' + c;
    for (const a of ['href', 'role', 'tabindex', 'type', 'name']) {
      if (el.hasAttribute(a)) s += '[' + a + '="' + el.getAttribute(a) + '"]';
    }
    if (el.hasAttribute('onclick')) s += '[onclick]';
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.getAttribute('alt') || '').trim().replace(/\s+/g, ' ');
    if (text) s += ' "' + text.slice(0, 60) + '"';
    return s;
  };
  const noIndicator = [];
  k.order.forEach((el, i) => {
    const f = k.focusedStyles[i], u = window.__qaKbStyle(getComputedStyle(el));
    const outlineShows = f.outlineVisible && f.outline !== u.outline;
    if (!outlineShows && f.other === u.other) noIndicator.push(describe(el));
  });
  const reached = new Set(k.order);
  const radioGroup = el => el.localName === 'input' && el.type === 'radio' && el.name ? (el.form ? 'f' : 'd') + ':' + el.name : '';
  const reachedGroups = new Set(k.order.map(radioGroup).filter(Boolean));
  const unreachable = k.expected.filter(el => !reached.has(el) && !reachedGroups.has(radioGroup(el))).map(describe);
  const expectedSet = new Set(k.expected);
  const tabbed = k.order.filter(el => expectedSet.has(el));
  const dom = k.expected.filter(el => reached.has(el));
  let outOfOrder = '';
  for (let i = 0; i < dom.length; i++) {
    if (tabbed[i] !== dom[i]) {
      outOfOrder = 'Tab stop ' + (i + 1) + ' is ' + describe(tabbed[i]) + ', document order has ' + describe(dom[i]);
      break;
    }
  }
  k.style.remove();
  return {order: k.order.map(describe), unreachable, noIndicator, outOfOrder};
})()`

// Keyboard tabs through the page shown in the tab ctx (see Browser.Context)
// by sending real Tab key events, from the top of the document until focus
// leaves the page or comes back to an element already seen, and reports
// unreachable controls, missing focus indicators and a focus order that
// differs from document order. Call it right after navigating, before
// anything has focus. Hidden elements (display:none, visibility:hidden,
// opacity 0, inert, zero size) are not expected to be reachable.
func Keyboard(ctx context.Context) (KeyboardReport, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	var n int
	if err := chromedp.Run(ctx, chromedp.Evaluate(kbStyle, nil), chromedp.Evaluate(kbSetup, &n)); err != nil {
		return KeyboardReport{}, fmt.Errorf("keyboard: %w", err)
	}
	limit := 2*n + 20
	for i := 0; ; i++ {
		if i == limit {
			return KeyboardReport{}, fmt.Errorf("keyboard: focus did not leave the page after %d Tab presses", limit)
		}
		var step struct {
			Done bool `json:"done"`
		}
		err := chromedp.Run(ctx,
			input.DispatchKeyEvent(input.KeyRawDown).WithKey("Tab").WithCode("Tab").WithWindowsVirtualKeyCode(9).WithNativeVirtualKeyCode(9),
			input.DispatchKeyEvent(input.KeyUp).WithKey("Tab").WithCode("Tab").WithWindowsVirtualKeyCode(9).WithNativeVirtualKeyCode(9),
			chromedp.Evaluate(kbStep, &step),
		)
		if err != nil {
			return KeyboardReport{}, fmt.Errorf("keyboard: Tab %d: %w", i+1, err)
		}
		if step.Done {
			break
		}
	}
	var res struct {
		Order       []string `json:"order"`
		Unreachable []string `json:"unreachable"`
		NoIndicator []string `json:"noIndicator"`
		OutOfOrder  string   `json:"outOfOrder"`
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(kbReport, &res)); err != nil {
		return KeyboardReport{}, fmt.Errorf("keyboard: %w", err)
	}
	return KeyboardReport(res), nil
}
