/** The gallery's front page: its words and theme follow the switches like every gallery page. */
import './gallery.js';
