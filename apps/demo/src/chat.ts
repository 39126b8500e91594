/** A fake chat column so the room feels alive; text only, added with textContent. */
const lines = [
  ['小鱼', '主播今天好美！'],
  ['Ken', 'Is the flask dishwasher safe?'],
  ['阿杰', '上链接上链接'],
  ['Mia', 'Voted 🙌'],
  ['豆豆', '满减券冲冲冲'],
  ['Leo', 'What sizes are left?'],
  ['糖糖', '666666'],
] as const;

export function startChat(list: HTMLOListElement): void {
  let i = 0;
  setInterval(() => {
    const [who, text] = lines[i++ % lines.length]!;
    const item = document.createElement('li');
    const name = document.createElement('b');
    name.textContent = `${who}: `;
    item.append(name, text);
    list.append(item);
    while (list.children.length > 40) list.firstElementChild?.remove();
    list.parentElement?.scrollTo({ top: list.parentElement.scrollHeight });
  }, 2200);
}
