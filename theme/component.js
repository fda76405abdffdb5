// @ts-check
// The component base every widget extends, and the one loop that starts
// them. The build writes each block's root with `data-sg-module="NAME"`;
// a widget's script defines the class for NAME (`StudyGuide.define`), and
// once every script of the page has run and its saved state can be read,
// each root gets one instance of its class, in page order.
(function () {
  'use strict';
  const SG = window.StudyGuide;

  /** A root that is not what a component needs, or is started twice. */
  class ComponentError extends Error {
    /**
     * @param {string} moduleName
     * @param {string} message
     */
    constructor(moduleName, message) {
      super(moduleName + ': ' + message);
      this.name = 'ComponentError';
    }
  }

  class Component {
    /** The name the build writes in `data-sg-module`. */
    static moduleName = '';

    /**
     * Checks the root (an element of this module, not started before) and
     * keeps it as `this.root`.
     * @param {Element} root
     */
    constructor(root) {
      const name = /** @type {typeof Component} */ (this.constructor).moduleName;
      if (!(root instanceof HTMLElement)) throw new ComponentError(name, 'its root is not an element');
      if (root.getAttribute('data-sg-module') !== name) {
        throw new ComponentError(name, `its root is a "${root.getAttribute('data-sg-module')}" block`);
      }
      if (started.has(root)) throw new ComponentError(name, 'it was started twice on the same block');
      started.add(root);
      /** @type {HTMLElement} */
      this.root = root;
    }

    /**
     * One delegated listener on the root for each event type: `handlers`
     * maps a type ("click") to a method of this component.
     * @param {{[type: string]: (event: any) => void}} handlers
     */
    listen(handlers) {
      for (const [type, handler] of Object.entries(handlers)) this.root.addEventListener(type, handler.bind(this));
    }

    /**
     * Another tab changed what this book saved: `keys` ("sg:quiz:…"), or null
     * when anything may have changed. Components that show saved state
     * override it.
     * @param {string[] | null} keys
     */
    storeChanged(keys) {}
  }

  /** @type {WeakSet<Element>} */
  const started = new WeakSet();
  /** @type {Map<string, typeof Component>} */
  const classes = new Map();
  /** @type {Component[]} */
  const running = [];

  /**
   * Makes `Class` the component for the blocks of its module.
   * @param {typeof Component} Class
   */
  function define(Class) {
    if (!Class.moduleName) throw new ComponentError('?', 'a component needs a moduleName');
    classes.set(Class.moduleName, Class);
  }

  /**
   * Starts a component on every block of the page that has none yet. A
   * block whose start fails keeps the text it shows without script.
   * @param {ParentNode} [scope]
   */
  function start(scope) {
    for (const root of (scope || document).querySelectorAll('[data-sg-module]')) {
      const Class = classes.get(root.getAttribute('data-sg-module') || '');
      if (!Class || started.has(root)) continue;
      const module = SG.manifest.modules[Class.moduleName];
      try {
        if (module && module.needs.indexOf('storage') >= 0 && SG.store) SG.store.noteAbove(/** @type {HTMLElement} */ (root));
        running.push(new Class(root));
      } catch (error) {
        root.setAttribute('data-sg-failed', '');
        root.querySelectorAll('[data-sg-nojs]').forEach((el) => { /** @type {HTMLElement} */ (el).hidden = false; });
        // Reported, and the page's other blocks still start.
        setTimeout(() => { throw error; });
      }
    }
  }

  /** @param {string[] | null} keys */
  function storeChanged(keys) {
    for (const component of running) component.storeChanged(keys);
  }

  SG.Component = Component;
  SG.ComponentError = ComponentError;
  SG.define = define;
  SG.startComponents = function () {
    start();
    if (SG.store) SG.store.onChange(storeChanged);
  };
})();
